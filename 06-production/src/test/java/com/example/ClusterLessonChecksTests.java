package com.example;

import org.junit.jupiter.api.Test;

import com.example.support.HubInstance;
import com.example.support.LearnChecks;
import com.example.support.TestRedis;

/**
 * This chapter passes chapter 05's lesson checks, which a learner runs on two instances
 * of their own chapter ({@code java course-checks/Learn.java check}): run the same way,
 * from outside, against two instances of this app on one Redis.
 */
class ClusterLessonChecksTests {

    @Test
    void twoInstancesPassTheClusterLessonChecks() throws Exception {
        try (TestRedis redis = TestRedis.start();
                HubInstance one = HubInstance.start("instance-1", redis);
                HubInstance two = HubInstance.start("instance-2", redis)) {
            LearnChecks.assertAllWork("05", one.port(), two.port());
        }
    }

}
