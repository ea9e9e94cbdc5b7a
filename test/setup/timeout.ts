// Each integration file boots the whole app on a fresh database and each test drives it over HTTP:
// Jest's 5 s default is a unit-test budget. (A project-level `testTimeout` is ignored by jest-circus,
// which reads only the global one.) Tests bound what they wait for by conditions, not by this.
jest.setTimeout(60_000);
