import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig, validateConfig } from './app-config';

/**
 * @nestjs/config loads and validates the environment once, at module creation: a wrong or missing
 * setting throws ConfigValidationError naming the variable and the process stops. Consumers inject
 * the typed AppConfig rather than doing string look-ups on ConfigService.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ app: validateConfig(process.env) })] })],
  providers: [{ provide: AppConfig, inject: [ConfigService], useFactory: (config: ConfigService) => config.getOrThrow<AppConfig>('app') }],
  exports: [AppConfig],
})
export class AppConfigModule {}
