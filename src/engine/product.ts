/** Which engine answers: Docker, or Podman serving the Docker-compatible API. */
export type EngineProduct = 'docker' | 'podman';
