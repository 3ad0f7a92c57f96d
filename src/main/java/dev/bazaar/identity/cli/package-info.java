/** Identity's management commands: create-admin, generate-signing-key, measure-password-hash. */
@NullMarked
package dev.bazaar.identity.cli;

import org.jspecify.annotations.NullMarked;
