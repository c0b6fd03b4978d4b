package io.fraudstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.testing.KubernetesManifests;
import io.fraudstream.testing.KubernetesManifests.Resource;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The topics of {@code deploy/kubernetes/kafka-topics.yaml} against {@link Topic}, the wire
 * contract's list, and the kustomization against the files beside it.
 */
class KubernetesTopicsTest {

    private final KubernetesManifests manifests = KubernetesManifests.load();

    @Test
    void everyTopicHasAKafkaTopicAndNoKafkaTopicIsUnknown() {
        assertThat(manifests.topicNames())
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Topic.values()).map(Topic::defaultName).toList());
    }

    @Test
    void compactedExactlyWhereTheContractSaysSo() {
        for (Topic topic : Topic.values()) {
            JsonNode config = kafkaTopic(topic).path("spec").path("config");
            assertThat(config.path("cleanup.policy").asText())
                    .as("cleanup.policy of %s", topic.defaultName())
                    .isEqualTo(topic.compacted() ? "compact" : "delete");
            if (!topic.compacted()) {
                assertThat(config.path("retention.ms").asLong())
                        .as("retention.ms of %s", topic.defaultName())
                        .isPositive();
            }
        }
    }

    @Test
    void everyKafkaTopicBelongsToAStrimziClusterWithReplicatedPartitions() {
        for (Resource r : manifests.ofKind("KafkaTopic")) {
            JsonNode topic = r.node();
            assertThat(topic.path("apiVersion").asText())
                    .as(r.name())
                    .isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as("strimzi.io/cluster label of %s", r.name())
                    .isNotBlank();
            JsonNode spec = topic.path("spec");
            assertThat(spec.path("partitions").isInt()).as("partitions of %s", r.name()).isTrue();
            assertThat(spec.path("partitions").asInt())
                    .as("partitions of %s", r.name())
                    .isPositive();
            // Acknowledged writes survive one broker: more replicas than the in-sync minimum.
            assertThat(spec.path("replicas").asInt())
                    .as("replicas of %s", r.name())
                    .isGreaterThan(spec.path("config").path("min.insync.replicas").asInt())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void everyTopicHasAtLeastThePartitionsOfTheLocalStack() {
        for (Topic topic : Topic.values()) {
            assertThat(kafkaTopic(topic).path("spec").path("partitions").asInt())
                    .as("partitions of %s", topic.defaultName())
                    .isGreaterThanOrEqualTo(topic.defaultPartitions());
        }
    }

    @Test
    void kustomizationListsEveryManifestAndOnlyExistingOnes() {
        List<String> listed = new ArrayList<>();
        KubernetesManifests.kustomization().path("resources").forEach(n -> listed.add(n.asText()));

        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(
                        KubernetesManifests.files().stream()
                                .map(p -> p.getFileName().toString())
                                .toList());
        for (String file : listed) {
            assertThat(Files.isRegularFile(KubernetesManifests.DIR.resolve(file)))
                    .as(file)
                    .isTrue();
        }
    }

    @Test
    void everyResourceHasAnApiVersionAKindAndAName() {
        assertThat(manifests.all()).isNotEmpty();
        for (Resource r : manifests.all()) {
            assertThat(r.node().path("apiVersion").asText())
                    .as("apiVersion in %s", r.file())
                    .isNotBlank();
            assertThat(r.kind()).as("kind in %s", r.file()).isNotBlank();
            assertThat(r.name()).as("metadata.name of a %s in %s", r.kind(), r.file()).isNotBlank();
            // kustomization.yaml sets the namespace of all of them, so none names its own.
            assertThat(r.node().path("metadata").has("namespace"))
                    .as("metadata.namespace of %s %s", r.kind(), r.name())
                    .isFalse();
        }
        assertThat(KubernetesManifests.kustomization().path("namespace").asText())
                .isEqualTo(manifests.ofKind("Namespace").get(0).name());
    }

    private JsonNode kafkaTopic(Topic topic) {
        return manifests.ofKind("KafkaTopic").stream()
                .filter(r -> KubernetesManifests.topicName(r).equals(topic.defaultName()))
                .map(Resource::node)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic for " + topic.defaultName()));
    }
}
