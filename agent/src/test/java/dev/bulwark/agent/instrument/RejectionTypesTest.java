package dev.bulwark.agent.instrument;

import dev.bulwark.agent.matching.ClassOutline;
import dev.bulwark.agent.matching.ClassOutlines;
import dev.bulwark.agent.matching.MethodOutline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionTypesTest {

    public static class AppException extends Exception {
        public AppException(String message) {
            super(message);
        }
    }

    public abstract static class AbstractAppException extends Exception {
    }

    interface Source {
        String read() throws IOException;
    }

    static class Methods implements Source {
        public void jdbc() throws SQLException { }

        public void io() throws InterruptedException, IOException { }

        public void own() throws AbstractAppException, IllegalStateException, AppException, TimeoutException { }

        public void none() { }

        @Override
        public String read() {
            return "";
        }
    }

    @Test
    void jdbcMethodsRejectWithATransientConnectionFailure() {
        assertThat(choose("jdbc")).isEqualTo("java.sql.SQLTransientConnectionException");
    }

    @Test
    void ioMethodsRejectWithAConnectFailure() {
        assertThat(choose("io")).isEqualTo("java.net.ConnectException");
    }

    @Test
    void otherMethodsRejectWithTheFirstDeclaredCheckedExceptionThatTakesAMessage() {
        assertThat(choose("own")).isEqualTo(AppException.class.getName());
    }

    @Test
    void methodsDeclaringNoCheckedExceptionRejectWithBulwarksUncheckedOne() {
        assertThat(choose("none")).isNull();
    }

    @Test
    void exceptionsDeclaredByTheOverriddenInterfaceMethodCount() {
        assertThat(choose("read")).isEqualTo("java.net.ConnectException");
    }

    private static String choose(String method) {
        ClassOutlines outlines = new ClassOutlines(Methods.class.getClassLoader());
        ClassOutline type = outlines.find(Methods.class.getName()).orElseThrow();
        MethodOutline declared = type.methods().stream().filter(candidate -> candidate.name().equals(method))
                .findFirst().orElseThrow();
        return RejectionTypes.choose(type, declared, outlines);
    }
}
