package dev.bulwark.agent.matching;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ClassHeadersTest {
    static final AtomicBoolean INITIALISED = new AtomicBoolean();

    interface Priced extends Serializable {
    }

    abstract static class Shelf extends AbstractList<String> implements Priced, RandomAccess {
        static {
            INITIALISED.set(true);
        }
    }

    @Test
    void findsWhatTheClassFileSaysAboutALoadedType() {
        ClassHeaders headers = new ClassHeaders(ClassHeadersTest.class.getClassLoader());

        for (Class<?> type : List.of(Priced.class, Shelf.class, String.class, Runnable.class)) {
            ClassHeader fromClassFile = SubtypeMemoTest.header(type);
            ClassHeader found = headers.find(type.getName());
            assertThat(found.name()).isEqualTo(fromClassFile.name());
            assertThat(found.supertypes()).as(type.getName()).isEqualTo(fromClassFile.supertypes());
            assertThat(found.isInterface()).isEqualTo(fromClassFile.isInterface());
            assertThat(found.isSynthetic()).isEqualTo(fromClassFile.isSynthetic());
        }
    }

    @Test
    void loadsASupertypeWithoutInitialisingIt() {
        ClassHeader shelf = new ClassHeaders(ClassHeadersTest.class.getClassLoader()).find(Shelf.class.getName());

        assertThat(shelf.superclass()).isEqualTo(AbstractList.class.getName());
        assertThat(INITIALISED).isFalse();
    }

    @Test
    void findsNothingForAClassTheLoaderCannotSee() {
        ClassHeaders headers = new ClassHeaders(ClassHeadersTest.class.getClassLoader());

        assertThat(headers.find("com.example.Missing")).isNull();
        assertThat(headers.read("com.example.Missing")).isNull();
    }

    @Test
    void readsAClassFileWithoutLoadingTheClass() {
        ClassHeaders headers = new ClassHeaders(ClassHeadersTest.class.getClassLoader());

        assertThat(headers.read(Priced.class.getName()).isInterface()).isTrue();
        assertThat(headers.read(String.class.getName()).superclass()).isEqualTo(Object.class.getName());
    }
}
