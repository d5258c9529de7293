package io.mailserver.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmallJvmTest {

    @Test
    void nativeHeapTrimmingIsAskedOnlyOfJavasThatHaveIt() {
        assertThat(SmallJvm.trimsNativeHeap(Runtime.Version.parse("17.0.8"))).isFalse();
        assertThat(SmallJvm.trimsNativeHeap(Runtime.Version.parse("17.0.9"))).isTrue();
        assertThat(SmallJvm.trimsNativeHeap(Runtime.Version.parse("17.0.15+6-Debian-1deb12u1"))).isTrue();
        assertThat(SmallJvm.trimsNativeHeap(Runtime.Version.parse("20.0.2"))).isFalse();
        assertThat(SmallJvm.trimsNativeHeap(Runtime.Version.parse("21"))).isFalse();
        assertThat(SmallJvm.trimsNativeHeap(Runtime.Version.parse("21.0.1"))).isTrue();
        assertThat(SmallJvm.trimsNativeHeap(Runtime.Version.parse("25.0.1"))).isTrue();
    }

    @Test
    void theCommandStartsAJvmOfThisJava() throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(SmallJvm.command("64m"));
        command.add("-version");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(command).contains("-XX:+UseSerialGC", "-XX:ArchiveRelocationMode=0");
    }
}
