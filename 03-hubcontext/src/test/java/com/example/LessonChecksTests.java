package com.example;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.HubControls;
import com.example.support.LearnChecks;

/**
 * This chapter passes the lesson checks that a learner runs on their own copy of it
 * ({@code java course-checks/Learn.java check}), run the same way, against one instance.
 * (The checks of chapters 05 and 07 need two instances: they are in
 * {@code ClusterLessonChecksTests}; with one, the checks are the chapter before's.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class LessonChecksTests {

    @LocalServerPort
    int port;

    @Test
    void passesItsLessonChecks() throws Exception {
        LearnChecks.assertAllWork(this.port);
    }

}
