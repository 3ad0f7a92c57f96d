package dev.bazaar.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartFile;

/** The OpenAPI 3.1 document's fixed header; the paths come from the controllers. Committed as {@code openapi.yaml}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /**
     * Property names as the API really writes and reads them: the application's JSON is snake_case, and the document's
     * schemas are built by swagger-core's own (Jackson 2) mapper, which must be told the same naming.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /**
     * Shop-scoped operations say who may call them, from the same declaration the access interceptor enforces:
     * {@code x-bazaar-access: {access: public|member|permission, permission, api_keys}}; those that need a caller
     * carry the bearer security requirement. Clients (and the cross-tenant harness) read it from the document.
     */
    @Bean
    OperationCustomizer shopAccessInDocument() {
        return (operation, handlerMethod) -> {
            ShopAccessInterceptor.Declaration.of(handlerMethod).ifPresent(declaration -> {
                Map<String, Object> access = new LinkedHashMap<>();
                access.put("access", declaration.isPublic() ? "public" : declaration.permission() == null ? "member" : "permission");
                if (declaration.permission() != null) {
                    access.put("permission", declaration.permission().code());
                }
                access.put("api_keys", declaration.apiKeys());
                operation.addExtension("x-bazaar-access", access);
                if (!declaration.isPublic() && (operation.getSecurity() == null || operation.getSecurity().isEmpty())) {
                    operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
                }
            });
            return operation;
        };
    }

    /**
     * Uploads declare no {@code consumes} (so that the shop and permission checks answer before a media-type
     * mismatch would), and springdoc would then document their body as JSON: a handler taking a
     * {@link MultipartFile} documents it as {@code multipart/form-data}.
     */
    @Bean
    OperationCustomizer multipartUploadsInDocument() {
        return (operation, handlerMethod) -> {
            boolean upload = Arrays.stream(handlerMethod.getMethodParameters())
                    .anyMatch(parameter -> MultipartFile.class.isAssignableFrom(parameter.getParameterType()));
            if (upload && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                Content content = operation.getRequestBody().getContent();
                io.swagger.v3.oas.models.media.MediaType json = content.remove("application/json");
                if (json != null) {
                    content.addMediaType("multipart/form-data", json);
                }
            }
            return operation;
        };
    }

    @Bean
    OpenAPI bazaarOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Bazaar API").version("v1")
                        .description("Self-hostable, multi-tenant commerce platform. Conventions: docs/API_CONVENTIONS.md.")
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url("/").description("This server")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from POST /api/v1/auth/token (ES256 JWT, at most 15 minutes)")));
    }
}
