/**
 * The second entry of libs/platform (`@app/config`): the settings and their validation, without
 * NestJS, TypeORM or the driver, for the command-line tools that must start at once.
 */
export { AppConfig, ConfigValidationError, validateConfig } from './app-config';
