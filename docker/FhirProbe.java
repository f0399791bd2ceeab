import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HAPI FHIR image has no shell, curl or wget, only java: its compose health check runs this
 * class (compiled by the fhir-probe service), which exits 0 when the URL answers 200.
 */
public final class FhirProbe {

    public static void main(String[] args) throws InterruptedException {
        String url = args.length > 0 ? args[0] : "http://localhost:8080/fhir/metadata";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        try {
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(8)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            System.out.println(url + " answered " + response.statusCode());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (java.io.IOException e) {
            System.out.println(url + " not answering: " + e.getClass().getSimpleName());
            System.exit(1);
        }
    }
}
