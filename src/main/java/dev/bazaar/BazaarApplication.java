package dev.bazaar;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Bazaar: a self-hostable, multi-tenant commerce platform backend. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BazaarApplication {

    public static void main(String[] args) {
        SpringApplication.run(BazaarApplication.class, args);
    }
}
