package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassHeader;
import dev.bulwark.agent.matching.ClassHeaders;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderPrefilterTest {
    private static final String NAME = "dev/example/Catalog";
    private static final byte[] ADVISED = {1, 2, 3};

    static final class Catalog {
    }

    private final byte[] classFile = classFile(Catalog.class);
    private final List<String> handedOver = new ArrayList<>();
    private final List<String> judged = new ArrayList<>();
    private final ClassFileTransformer byteBuddy = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                ProtectionDomain domain, byte[] bytes) {
            handedOver.add(name);
            return ADVISED;
        }
    };

    @Test
    void keepsFromByteBuddyAClassNoPatternCanMatch() throws Exception {
        HeaderPrefilter prefilter = prefilter(false);
        prefilter.delegateTo(byteBuddy);

        assertThat(load(prefilter, NAME, classFile)).isNull();
        assertThat(judged).containsExactly(Catalog.class.getName());
        assertThat(handedOver).isEmpty();
    }

    @Test
    void handsToByteBuddyAClassAPatternMayMatch() throws Exception {
        HeaderPrefilter prefilter = prefilter(true);
        prefilter.delegateTo(byteBuddy);

        assertThat(load(prefilter, NAME, classFile)).isEqualTo(ADVISED);
        assertThat(handedOver).containsExactly(NAME);
    }

    @Test
    void handsEveryRetransformationToByteBuddy() throws Exception {
        HeaderPrefilter prefilter = prefilter(false);
        prefilter.delegateTo(byteBuddy);

        byte[] result = prefilter.transform(null, null, NAME, Catalog.class, null, classFile);

        assertThat(result).isEqualTo(ADVISED);
        assertThat(judged).isEmpty();
    }

    @Test
    void judgesNeitherIgnoredNorNamelessClasses() throws Exception {
        HeaderPrefilter prefilter = prefilter(true);
        prefilter.delegateTo(byteBuddy);

        assertThat(load(prefilter, "java/util/ArrayList", classFile)).isNull();
        assertThat(load(prefilter, null, classFile)).isNull();
        assertThat(judged).isEmpty();
        assertThat(handedOver).isEmpty();
    }

    @Test
    void leavesToByteBuddyWhatIsNoClassFileItCanRead() throws Exception {
        HeaderPrefilter prefilter = prefilter(false);
        prefilter.delegateTo(byteBuddy);

        assertThat(load(prefilter, NAME, new byte[] {0, 1, 2})).isEqualTo(ADVISED);
    }

    @Test
    void aClassThatMayBeAdvisedWaitsUntilByteBuddyIsReady() throws Exception {
        CountDownLatch judging = new CountDownLatch(1);
        HeaderPrefilter signalling = new HeaderPrefilter((header, headers) -> {
            judging.countDown();
            return true;
        });
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() -> load(signalling, NAME, classFile));
        assertThat(judging.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(loading).isNotDone();
        signalling.delegateTo(byteBuddy);

        assertThat(loading.get(10, TimeUnit.SECONDS)).isEqualTo(ADVISED);
    }

    @Test
    void theThreadBuildingByteBuddyNeverWaitsForIt() throws Exception {
        HeaderPrefilter prefilter = prefilter(true);
        prefilter.builtBy(Thread.currentThread());

        assertThat(load(prefilter, NAME, classFile)).isNull();
        assertThat(handedOver).isEmpty();
    }

    @Test
    void advisesNothingWhenByteBuddyCouldNotBeBuilt() throws Exception {
        HeaderPrefilter prefilter = prefilter(true);
        prefilter.delegateTo(null);

        assertThat(load(prefilter, NAME, classFile)).isNull();
        assertThat(prefilter.transform(null, null, NAME, Catalog.class, null, classFile)).isNull();
    }

    private HeaderPrefilter prefilter(boolean mayBeAdvised) {
        return new HeaderPrefilter((ClassHeader header, ClassHeaders headers) -> {
            judged.add(header.name());
            return mayBeAdvised;
        });
    }

    private static byte[] load(HeaderPrefilter prefilter, String name, byte[] bytes) {
        try {
            return prefilter.transform(null, HeaderPrefilterTest.class.getClassLoader(), name, null, null, bytes);
        } catch (IllegalClassFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] classFile(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
