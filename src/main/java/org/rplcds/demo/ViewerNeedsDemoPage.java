package org.rplcds.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where client tokens are checked, the viewer's address answers a page that says the viewer needs
 * the demo profile and how to start it, in place of the viewer: a browser page holds no client
 * token, and every call the viewer makes would be refused.
 */
@RestController
@ConditionalOnProperty(name = "cds.security.enabled", havingValue = "true", matchIfMissing = true)
class ViewerNeedsDemoPage {

    private final byte[] page;

    ViewerNeedsDemoPage() {
        try (InputStream in = new ClassPathResource("viewer/needs-demo.html").getInputStream()) {
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(path = {"/", "/index.html"})
    ResponseEntity<byte[]> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(page);
    }
}
