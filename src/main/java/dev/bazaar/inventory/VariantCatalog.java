package dev.bazaar.inventory;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The port through which inventory learns which variants exist in the current shop and whether they track inventory;
 * the catalog implements it (inventory sits below the catalog and does not call it directly).
 */
public interface VariantCatalog {

    /** The variants among {@code variantIds} that exist in the current tenant, each with its {@code track_inventory}. */
    Map<UUID, Boolean> tracking(Collection<UUID> variantIds);
}
