package dev.bazaar.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard against a corpus of tricky targets. */
class TargetGuardTest {

    private final TargetGuard guard = new TargetGuard(false);
    private final TargetGuard insecure = new TargetGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {
            "http://example.com/hook", "ftp://example.com/hook", "file:///etc/passwd", "gopher://example.com/", "//example.com",
            "example.com/hook", "javascript:alert(1)",
            "https://user:pass@example.com/hook", "https://user@example.com/hook", "https://example.com@127.0.0.1/",
            "https://localhost/hook", "https://LOCALHOST/hook", "https://localhost./hook", "https://api.localhost/hook",
            "https://printer.local/", "https://metadata.google.internal/computeMetadata/v1/", "https://metadata/",
            "https://ip-10-0-0-1.ec2.internal/", "https://router.home.arpa/", "https://1.0.0.127.in-addr.arpa/", "https://intranet/",
            "https://127.0.0.1/", "https://127.0.0.2:8443/", "https://127.1/", "https://127.0.1/", "https://2130706433/",
            "https://0x7f000001/", "https://0x7f.0.0.1/", "https://0177.0.0.1/", "https://017700000001/", "https://0/",
            "https://0.0.0.0/", "https://10.0.0.1/", "https://172.16.0.1/", "https://172.31.255.255/", "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data/", "https://169.254.0.1/", "https://100.64.0.1/", "https://100.100.100.200/",
            "https://198.18.0.1/", "https://198.19.255.255/", "https://224.0.0.1/", "https://239.255.255.250/",
            "https://255.255.255.255/", "https://240.0.0.1/", "https://192.0.0.1/", "https://192.0.2.1/", "https://203.0.113.9/",
            "https://[::1]/", "https://[::]/", "https://[0:0:0:0:0:0:0:1]/", "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:7f00:1]/", "https://[::ffff:169.254.169.254]/", "https://[::ffff:10.0.0.1]/", "https://[::127.0.0.1]/",
            "https://[fc00::1]/", "https://[fd00:ec2::254]/", "https://[fe80::1]/", "https://[fe80::1%25eth0]/",
            "https://[fec0::1]/", "https://[ff02::1]/", "https://[64:ff9b::7f00:1]/", "https://[64:ff9b::a9fe:a9fe]/",
            "https://[2002:7f00:1::]/", "https://[2001:db8::1]/", "https://[2001::1]/", "https://[100::1]/",
            "https://example.com:22/", "https://example.com:25/", "https://example.com:80/", "https://example.com:0/",
            "https://exa mple.com/", "https://ex_ample.com/", "https://example.com\\@evil.com/", "https:///hook", "not a url",
            "https://1.2.3/", "https://999.1.1.1/", "https://1.2.3.4.5/", "https://01.02.03.04/"})
    void refusesForbiddenTargets(String url) {
        assertThat(guard.checkUrl(url)).as(url).isPresent();
    }

    @Test
    void refusesHostNamesLongerThanDnsAllows() {
        String label = "a".repeat(60);
        String longHost = String.join(".", java.util.Collections.nCopies(5, label)) + ".com";
        assertThat(longHost.length()).isGreaterThan(253);
        assertThat(guard.checkUrl("https://" + longHost + "/hook")).isPresent();
        assertThat(guard.checkUrl("https://" + String.join(".", java.util.Collections.nCopies(4, label)) + ".com/hook")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hook", "https://hooks.example.com:8443/bazaar?x=1", "https://93.184.215.14/hook",
            "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook", "https://example.com./hook", "https://EXAMPLE.com/hook",
            "https://[::ffff:8.8.8.8]/", "https://[64:ff9b::808:808]/"})
    void allowsPublicHttpsTargets(String url) {
        assertThat(guard.checkUrl(url)).as(url).isEmpty();
    }

    @Test
    void theDevelopmentSettingAllowsHttpAndLocalTargetsButNeverCredentialsOrAmbiguousAddresses() {
        assertThat(insecure.checkUrl("http://localhost:8080/hook")).isEmpty();
        assertThat(insecure.checkUrl("http://127.0.0.1:9/hook")).isEmpty();
        assertThat(insecure.checkUrl("http://10.0.0.1/hook")).isEmpty();
        assertThat(insecure.checkUrl("http://user:pw@localhost/hook")).isPresent();
        assertThat(insecure.checkUrl("http://2130706433/hook")).isPresent();
        assertThat(insecure.checkUrl("gopher://localhost/")).isPresent();
    }

    @Test
    void resolvingRefusesAHostWithAnyForbiddenAddress() throws Exception {
        assertThatThrownBy(() -> guard.resolve("localhost")).isInstanceOf(TargetGuard.ForbiddenTargetException.class);
        assertThatThrownBy(() -> guard.resolve("127.0.0.1")).isInstanceOf(TargetGuard.ForbiddenTargetException.class);
        assertThatThrownBy(() -> guard.resolve("[::1]")).isInstanceOf(TargetGuard.ForbiddenTargetException.class);
        assertThat(guard.forbidden(InetAddress.getByName("10.1.2.3"))).isPresent();
        assertThat(guard.forbidden(InetAddress.getByName("8.8.8.8"))).isEmpty();
        assertThat(insecure.resolve("127.0.0.1")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
    }
}
