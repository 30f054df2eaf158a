// Where well-known stateful images keep their data, and how each is dumped consistently.

export interface StatefulPath {
  path: string;
  what: string;
  /** The native tool that makes a consistent copy of a live instance. */
  dumpTool: string | null;
  /** Only counts for images whose name contains this (for generic paths like /data). */
  imageHint?: string;
}

export const STATEFUL_PATHS: StatefulPath[] = [
  { path: '/var/lib/postgresql/data', what: 'PostgreSQL', dumpTool: 'pg_dumpall' },
  { path: '/var/lib/postgresql', what: 'PostgreSQL', dumpTool: 'pg_dumpall' },
  { path: '/var/lib/mysql', what: 'MySQL/MariaDB', dumpTool: 'mysqldump (mariadb-dump)' },
  { path: '/data/db', what: 'MongoDB', dumpTool: 'mongodump' },
  { path: '/data/configdb', what: 'MongoDB', dumpTool: 'mongodump' },
  { path: '/data', what: 'Redis', dumpTool: 'redis-cli --rdb', imageHint: 'redis' },
  { path: '/var/lib/redis', what: 'Redis', dumpTool: 'redis-cli --rdb' },
  { path: '/usr/share/elasticsearch/data', what: 'Elasticsearch', dumpTool: 'the snapshot API' },
  { path: '/usr/share/opensearch/data', what: 'OpenSearch', dumpTool: 'the snapshot API' },
  { path: '/var/lib/rabbitmq', what: 'RabbitMQ', dumpTool: 'rabbitmqctl export_definitions' },
  { path: '/var/lib/influxdb', what: 'InfluxDB', dumpTool: 'influxd backup' },
  { path: '/var/lib/influxdb2', what: 'InfluxDB', dumpTool: 'influx backup' },
  { path: '/var/lib/clickhouse', what: 'ClickHouse', dumpTool: 'BACKUP … TO' },
  { path: '/var/lib/cassandra', what: 'Cassandra', dumpTool: 'nodetool snapshot' },
  { path: '/opt/couchdb/data', what: 'CouchDB', dumpTool: 'replication to another node' },
  { path: '/var/opt/mssql', what: 'SQL Server', dumpTool: 'BACKUP DATABASE' },
  { path: '/var/lib/etcd', what: 'etcd', dumpTool: 'etcdctl snapshot save' },
  { path: '/root/.ollama', what: 'Ollama models', dumpTool: null },
];

const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/** The stateful path a container path is (or lies under), for this image; the most specific wins. */
export function statefulPathOf(path: string, image: string): StatefulPath | null {
  const candidates = STATEFUL_PATHS.filter(
    (entry) => under(path, entry.path) && (!entry.imageHint || image.toLowerCase().includes(entry.imageHint)),
  );
  return candidates.sort((a, b) => b.path.length - a.path.length)[0] ?? null;
}

/** The stateful path a mount at `destination` holds, also when it mounts above it (e.g. /var/lib/postgresql). */
export function statefulMount(destination: string, image: string): StatefulPath | null {
  return (
    statefulPathOf(destination, image) ??
    STATEFUL_PATHS.find((entry) => under(entry.path, destination) && destination !== '/' && (!entry.imageHint || image.toLowerCase().includes(entry.imageHint))) ??
    null
  );
}
