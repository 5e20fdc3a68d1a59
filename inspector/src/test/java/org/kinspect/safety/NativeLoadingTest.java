package org.kinspect.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

class NativeLoadingTest {
    @Test
    void blasIsSetUpOnceAndKept() {
        NativeLoading.prepareBlas();
        Blas first = Nd4j.factory().blas();
        NativeLoading.prepareBlas();
        assertNotNull(first);
        assertSame(first, Nd4j.factory().blas(), "a second call sets nothing up again");
    }

    @Test
    void blasWaitsWhileLibrariesLoad() throws Exception {
        NativeLoading.prepareBlas(); // ND4J started here, so that the thread below waits only for the lock
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread libraries = new Thread(() -> NativeLoading.loadingLibraries(() -> {
            loading.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        libraries.start();
        assertTrue(loading.await(30, TimeUnit.SECONDS));
        Thread blas = new Thread(NativeLoading::prepareBlas);
        blas.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (blas.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.BLOCKED, blas.getState(), "BLAS is not set up while libraries load");
        release.countDown();
        blas.join(30_000);
        libraries.join(30_000);
        assertEquals(Thread.State.TERMINATED, blas.getState(), "and is set up once they are loaded");
    }
}
