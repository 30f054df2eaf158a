import type { RawVolume } from '../engine/raw.js';
import type { ContainerStorage, VolumeUsage } from './types.js';
import type { Anonymity } from './anonymous.js';
import { knownSize } from './units.js';

/** Every volume with its size and the containers that mount it. */
export function describeVolumes(
  volumes: RawVolume[],
  containers: ContainerStorage[],
  volumeSizes: Map<string, number | null>,
  anonymity: (name: string, volume: RawVolume) => Anonymity,
): VolumeUsage[] {
  const users = new Map<string, string[]>();
  for (const container of containers) {
    for (const mount of container.volumes) {
      const names = users.get(mount.name) ?? [];
      if (!names.includes(container.name)) names.push(container.name);
      users.set(mount.name, names);
    }
  }
  return volumes.map((volume) => {
    const labels = volume.Labels ?? {};
    const mountedBy = (users.get(volume.Name) ?? []).sort();
    const anonymous = anonymity(volume.Name, volume);
    return {
      name: volume.Name,
      driver: volume.Driver ?? 'local',
      anonymous: anonymous !== null,
      anonymousInferred: anonymous === 'inferred',
      sizeBytes: volumeSizes.get(volume.Name) ?? knownSize(volume.UsageData?.Size),
      refCount: mountedBy.length,
      containers: mountedBy,
      dangling: mountedBy.length === 0,
      composeProject: labels['com.docker.compose.project'] ?? null,
      composeVolume: labels['com.docker.compose.volume'] ?? null,
      createdAt: volume.CreatedAt || null,
      mountpoint: volume.Mountpoint || null,
      labels,
    };
  });
}
