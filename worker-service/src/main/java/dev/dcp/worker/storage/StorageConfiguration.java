package dev.dcp.worker.storage;

import dev.dcp.worker.WorkerProperties;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    ShardStore shardStore(WorkerProperties properties) {
        return new ShardStore(Path.of(properties.dataDir()).resolve("shards"), properties.storageBytes());
    }
}
