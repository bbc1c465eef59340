package dev.bulwark.agent.matching;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClassHeaderTest {

    interface Priced {
    }

    static final class Constants implements Priced, Serializable {
        // Long and double constants take two constant-pool entries each, which the reader must skip as such.
        static final long BIG = 1234567890123L;
        static final double RATE = 0.125;
        static final String LABEL = "caf\u00e9 \u2603";
    }

    @Test
    void readsTheBinaryNameOfANestedClassAndItsDirectSupertypesInOrder() {
        ClassHeader header = header(Constants.class);

        assertThat(header.name()).isEqualTo(Constants.class.getName());
        assertThat(header.supertypes()).containsExactly("java.lang.Object", Priced.class.getName(),
                Serializable.class.getName());
        assertThat(header.isSynthetic()).isFalse();
    }

    @Test
    void readsNoSupertypeForObject() {
        assertThat(header(Object.class).supertypes()).isEmpty();
    }

    @Test
    void agreesWithReflectionOnJdkClasses() {
        for (Class<?> type : List.of(String.class, ConcurrentHashMap.class, Math.class, Thread.class,
                java.net.http.HttpClient.class, javax.sql.DataSource.class, StrictMath.class,
                java.util.stream.Collectors.class, ClassHeaderTest.class)) {
            List<String> expected = new ArrayList<>();
            if (type.getSuperclass() != null) {
                expected.add(type.getSuperclass().getName());
            } else if (type.isInterface()) {
                expected.add("java.lang.Object");
            }
            Arrays.stream(type.getInterfaces()).map(Class::getName).forEach(expected::add);

            ClassHeader header = header(type);

            assertThat(header.name()).isEqualTo(type.getName());
            assertThat(header.supertypes()).as(type.getName()).isEqualTo(expected);
        }
    }

    @Test
    void agreesWithAsmOnEveryClassOfTheJdksBaseAndHttpModules() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        List<Path> classFiles = new ArrayList<>();
        for (String module : List.of("java.base", "java.net.http", "java.sql")) {
            try (Stream<Path> files = Files.walk(jrt.getPath("/modules", module))) {
                files.filter(file -> file.toString().endsWith(".class")).forEach(classFiles::add);
            }
        }

        assertThat(classFiles).hasSizeGreaterThan(3000);
        for (Path file : classFiles) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(ClassHeader.read(bytes)).as(file.toString()).isEqualTo(asmHeader(bytes));
        }
    }

    @Test
    void readsANameThatIsNotPlainAscii() {
        assertThat(header(Caf\u00e9.class).name()).isEqualTo(ClassHeaderTest.class.getName() + "$Caf\u00e9");
    }

    @Test
    void refusesBytesThatAreNotAClassFile() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClassHeader.read(new byte[] {1, 2, 3, 4, 0, 0}));
        assertThatIllegalArgumentException().isThrownBy(() -> ClassHeader.read(new byte[] {(byte) 0xCA}));
    }

    @Test
    void refusesAClassFileWhoseOwnNameIsConstantPoolEntryZero() {
        byte[] classFile = classFile(Priced.class);
        // The words after the pool: access flags, then the index of the class's own name.
        int thisClass = new ClassReader(classFile).header + 2;
        classFile[thisClass] = 0;
        classFile[thisClass + 1] = 0;

        assertThatIllegalArgumentException().isThrownBy(() -> ClassHeader.read(classFile));
    }

    @Test
    void recognisesACompilerGeneratedClass() throws ClassNotFoundException {
        // javac compiles a switch over another class's enum into a synthetic class holding the switch map.
        assertThat(seconds(TimeUnit.SECONDS)).isTrue();
        Class<?> switchMap = Class.forName(ClassHeaderTest.class.getName() + "$1");

        assertThat(header(switchMap).isSynthetic()).isTrue();
    }

    private static boolean seconds(TimeUnit unit) {
        switch (unit) {
            case SECONDS:
                return true;
            default:
                return false;
        }
    }

    static final class Caf\u00e9 {
    }

    private static ClassHeader asmHeader(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        List<String> supertypes = new ArrayList<>();
        if (reader.getSuperName() != null) {
            supertypes.add(reader.getSuperName().replace('/', '.'));
        }
        Arrays.stream(reader.getInterfaces()).map(name -> name.replace('/', '.')).forEach(supertypes::add);
        return new ClassHeader(reader.getClassName().replace('/', '.'), reader.getAccess(), supertypes);
    }

    static ClassHeader header(Class<?> type) {
        return ClassHeader.read(classFile(type));
    }

    private static byte[] classFile(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
