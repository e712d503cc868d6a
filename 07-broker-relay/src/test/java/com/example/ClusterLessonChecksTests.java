package com.example;

import org.junit.jupiter.api.Test;

import com.example.support.BrokerUnderTest;
import com.example.support.HubInstance;
import com.example.support.LearnChecks;
import com.example.support.TestBroker;

/**
 * This chapter passes its lesson checks, chapter 05's behaviour through a message broker,
 * which a learner runs on two instances of their own chapter
 * ({@code java course-checks/Learn.java check}): run the same way, from outside, against
 * two instances of this app on one message broker.
 */
class ClusterLessonChecksTests {

    @Test
    void twoInstancesPassTheClusterLessonChecks() throws Exception {
        try (BrokerUnderTest broker = TestBroker.start();
                HubInstance one = HubInstance.start("instance-1", broker);
                HubInstance two = HubInstance.start("instance-2", broker)) {
            LearnChecks.assertAllWork(one.port(), two.port());
        }
    }

}
