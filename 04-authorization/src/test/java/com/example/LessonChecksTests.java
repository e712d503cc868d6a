package com.example;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.HubControls;
import com.example.support.LearnChecks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * This chapter passes the lesson checks that a learner runs on their own copy of it
 * ({@code java course-checks/Learn.java check}), run the same way, against one instance.
 * (From chapter 05 on, those that need two instances are in
 * {@code ClusterLessonChecksTests}; with one, the checks are chapter 04's.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class LessonChecksTests {

    @LocalServerPort
    int port;

    @Test
    void passesItsLessonChecks() throws Exception {
        assumeTrue(LearnChecks.inAChapter(), "in a learner's workspace, Learn.java check is the lesson's test");
        LearnChecks.assertAllWork(this.port);
    }

}
