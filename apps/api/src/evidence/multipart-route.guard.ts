import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@app/platform';

const ACCEPTS_MULTIPART = 'evidence:accepts-multipart';

/** The one route that reads multipart/form-data (the evidence upload). */
export const AcceptsMultipart = () => SetMetadata(ACCEPTS_MULTIPART, true);

interface MultipartAwareRequest {
  isMultipart?: () => boolean;
}

/**
 * @fastify/multipart parses nothing until a handler asks for the parts, but its content-type parser
 * is the instance's: this guard keeps multipart bodies to the route that declares it can read them.
 */
@Injectable()
export class MultipartRouteGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<MultipartAwareRequest>();
    if (!request.isMultipart?.()) return true;
    if (this.reflector.get<boolean>(ACCEPTS_MULTIPART, context.getHandler())) return true;
    throw new ProblemException(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported Media Type',
      '该接口不接受 multipart/form-data，请以 application/json 提交',
    );
  }
}
