// Where well-known stateful images keep their data, and how each is dumped consistently. Below
// every layer: the engine groups a layer's writes by these paths, the model's findings name them.

export interface StatefulPath {
  path: string;
  what: string;
  /** The native tool that makes a consistent copy of a live instance. */
  dumpTool: string | null;
  /** Image names of the product: a mount above `path` (at /data, say) counts only for these. */
  images: RegExp;
  /** A generic path (/data) that counts only for the product's images, even below it. */
  imagesOnly?: true;
}

export const STATEFUL_PATHS: StatefulPath[] = [
  { path: '/var/lib/postgresql/data', what: 'PostgreSQL', dumpTool: 'pg_dumpall', images: /postgres|postgis|timescale/ },
  { path: '/var/lib/postgresql', what: 'PostgreSQL', dumpTool: 'pg_dumpall', images: /postgres|postgis|timescale/ },
  { path: '/var/lib/mysql', what: 'MySQL/MariaDB', dumpTool: 'mysqldump (mariadb-dump)', images: /mysql|mariadb|percona/ },
  { path: '/data/db', what: 'MongoDB', dumpTool: 'mongodump', images: /mongo/ },
  { path: '/data/configdb', what: 'MongoDB', dumpTool: 'mongodump', images: /mongo/ },
  { path: '/data', what: 'Redis', dumpTool: 'redis-cli --rdb', images: /redis|valkey/, imagesOnly: true },
  { path: '/var/lib/redis', what: 'Redis', dumpTool: 'redis-cli --rdb', images: /redis|valkey/ },
  { path: '/usr/share/elasticsearch/data', what: 'Elasticsearch', dumpTool: 'the snapshot API', images: /elasticsearch/ },
  { path: '/usr/share/opensearch/data', what: 'OpenSearch', dumpTool: 'the snapshot API', images: /opensearch/ },
  { path: '/var/lib/rabbitmq', what: 'RabbitMQ', dumpTool: 'rabbitmqctl export_definitions', images: /rabbitmq/ },
  { path: '/var/lib/influxdb', what: 'InfluxDB', dumpTool: 'influxd backup', images: /influxdb/ },
  { path: '/var/lib/influxdb2', what: 'InfluxDB', dumpTool: 'influx backup', images: /influxdb/ },
  { path: '/var/lib/clickhouse', what: 'ClickHouse', dumpTool: 'BACKUP … TO', images: /clickhouse/ },
  { path: '/var/lib/cassandra', what: 'Cassandra', dumpTool: 'nodetool snapshot', images: /cassandra/ },
  { path: '/opt/couchdb/data', what: 'CouchDB', dumpTool: 'replication to another node', images: /couchdb/ },
  { path: '/var/opt/mssql', what: 'SQL Server', dumpTool: 'BACKUP DATABASE', images: /mssql/ },
  { path: '/var/lib/etcd', what: 'etcd', dumpTool: 'etcdctl snapshot save', images: /etcd/ },
  { path: '/root/.ollama', what: 'Ollama models', dumpTool: null, images: /ollama/ },
];

const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/** The stateful path a container path is (or lies under), for this image; the most specific wins. */
export function statefulPathOf(path: string, image: string): StatefulPath | null {
  const name = image.toLowerCase();
  const candidates = STATEFUL_PATHS.filter((entry) => under(path, entry.path) && (!entry.imagesOnly || entry.images.test(name)));
  return candidates.sort((a, b) => b.path.length - a.path.length)[0] ?? null;
}

/**
 * The stateful path a mount at `destination` holds, also when it mounts above it (e.g. a volume
 * at /var/lib/postgresql); above, only for the product's own images, since /data above /data/db
 * is as likely any app's data as MongoDB's.
 */
export function statefulMount(destination: string, image: string): StatefulPath | null {
  const name = image.toLowerCase();
  return (
    statefulPathOf(destination, image) ??
    STATEFUL_PATHS.find((entry) => under(entry.path, destination) && destination !== '/' && entry.images.test(name)) ??
    null
  );
}
