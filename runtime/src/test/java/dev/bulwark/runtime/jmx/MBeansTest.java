package dev.bulwark.runtime.jmx;

import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MBeansTest {

    public interface ProbeMBean {
        int getValue();
    }

    public static final class Probe implements ProbeMBean {
        @Override
        public int getValue() {
            return 1;
        }
    }

    @Test
    void publishesTheChangesHeldForTheBackgroundInTheOrderTheyWereMade() throws Exception {
        String first = "dev.bulwark.test:type=Probe,name=first";
        String last = "dev.bulwark.test:type=Probe,name=last";
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        CountDownLatch lastRegistered = new CountDownLatch(1);
        NotificationListener listener = (notification, handback) -> {
            if (notification instanceof MBeanServerNotification registration
                    && registration.getType().equals(MBeanServerNotification.REGISTRATION_NOTIFICATION)
                    && registration.getMBeanName().toString().equals(last)) {
                lastRegistered.countDown();
            }
        };
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
        try {
            MBeans.hold();
            MBeans.register(first, new Probe());
            MBeans.unregister(first);
            MBeans.register(last, new Probe());
            assertThat(server.isRegistered(new ObjectName(last))).isFalse();
            MBeans.publishHeldInBackground();

            assertThat(lastRegistered.await(30, TimeUnit.SECONDS)).isTrue();
            // The withdrawal made before the last registration was applied before it too.
            assertThat(server.isRegistered(new ObjectName(first))).isFalse();
        } finally {
            server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
            MBeans.unregister(last);
        }
    }

    @Test
    void registersAtOnceWhenNothingIsHeld() throws Exception {
        String name = "dev.bulwark.test:type=Probe,name=immediate";
        try {
            MBeans.register(name, new Probe());

            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(name))).isTrue();
        } finally {
            MBeans.unregister(name);
        }
    }
}
