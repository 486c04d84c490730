package dev.ampulla.knowledge.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shipped pack loads and passes every start-up check. */
class ShippedPackTest {

    @Test
    void theShippedPackLoads() {
        KnowledgePack pack = KnowledgePack.load(PackSource.shipped());
        assertEquals("ampulla-rectal-pathways", pack.manifest().id());
        assertEquals(46, pack.rules().size());
        assertTrue(pack.files().contains("rules/R6.yaml"));
    }
}
