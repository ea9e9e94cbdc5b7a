import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';

/** Integrator contract: GET /api/asyncapi.json and the HTTP event feed GET /api/v1/events. */
@Module({ controllers: [EventsController] })
export class EventsModule {}
