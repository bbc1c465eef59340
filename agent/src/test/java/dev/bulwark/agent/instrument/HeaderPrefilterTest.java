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

import static org.assertj.core.api.Assertions.assertThat;

class HeaderPrefilterTest {
    private static final String NAME = "dev/example/Catalog";
    private static final byte[] ADVISED = {1, 2, 3};

    static final class Catalog {
    }

    private final byte[] classFile = classFile(Catalog.class);
    private final List<String> handedOver = new ArrayList<>();
    private final List<String> judged = new ArrayList<>();
    private int weaversMade;
    private final ClassFileTransformer weaver = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                ProtectionDomain domain, byte[] bytes) {
            handedOver.add(name);
            return ADVISED;
        }
    };

    @Test
    void keepsFromTheWeaverAClassNoPatternCanMatch() throws Exception {
        HeaderPrefilter prefilter = prefilter(false);

        assertThat(load(prefilter, NAME, classFile)).isNull();
        assertThat(judged).containsExactly(Catalog.class.getName());
        assertThat(handedOver).isEmpty();
    }

    @Test
    void handsToTheWeaverAClassAPatternMayMatch() throws Exception {
        HeaderPrefilter prefilter = prefilter(true);

        assertThat(load(prefilter, NAME, classFile)).isEqualTo(ADVISED);
        assertThat(handedOver).containsExactly(NAME);
    }

    @Test
    void handsEveryRetransformationToTheWeaver() throws Exception {
        HeaderPrefilter prefilter = prefilter(false);

        byte[] result = prefilter.transform(null, null, NAME, Catalog.class, null, classFile);

        assertThat(result).isEqualTo(ADVISED);
        assertThat(judged).isEmpty();
    }

    @Test
    void judgesNeitherIgnoredNorNamelessClasses() throws Exception {
        HeaderPrefilter prefilter = prefilter(true);

        assertThat(load(prefilter, "java/util/ArrayList", classFile)).isNull();
        assertThat(load(prefilter, null, classFile)).isNull();
        assertThat(judged).isEmpty();
        assertThat(handedOver).isEmpty();
    }

    @Test
    void leavesToTheWeaverWhatIsNoClassFileItCanRead() throws Exception {
        HeaderPrefilter prefilter = prefilter(false);

        assertThat(load(prefilter, NAME, new byte[] {0, 1, 2})).isEqualTo(ADVISED);
    }

    @Test
    void makesTheWeaverOnlyWhenAClassGetsThrough() throws Exception {
        HeaderPrefilter prefilter = prefilter(false);

        load(prefilter, NAME, classFile);
        load(prefilter, "java/util/ArrayList", classFile);

        assertThat(weaversMade).isZero();
    }

    @Test
    void advisesNothingWhenTheWeaverCouldNotBeMade() throws Exception {
        HeaderPrefilter prefilter = new HeaderPrefilter((header, headers) -> true, () -> null);

        assertThat(load(prefilter, NAME, classFile)).isNull();
        assertThat(prefilter.transform(null, null, NAME, Catalog.class, null, classFile)).isNull();
    }

    @Test
    void leavesAloneWhatTheWeavingThreadLoads() throws Exception {
        HeaderPrefilter prefilter = prefilter(true);

        WeavingThread.begin();
        try {
            assertThat(load(prefilter, NAME, classFile)).isNull();
        } finally {
            WeavingThread.end();
        }
        assertThat(judged).isEmpty();
        assertThat(handedOver).isEmpty();
    }

    private HeaderPrefilter prefilter(boolean mayBeAdvised) {
        return new HeaderPrefilter((ClassHeader header, ClassHeaders headers) -> {
            judged.add(header.name());
            return mayBeAdvised;
        }, () -> {
            weaversMade++;
            return weaver;
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
