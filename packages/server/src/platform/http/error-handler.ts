import { type ErrorCode, isErrorCode } from '@rapport/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Every error leaves as `{ error: { code, message, details? } }`. Business errors carry their
 * code; schema failures become VALIDATION_FAILED with the fields at fault; anything unexpected
 * is logged and answered with INTERNAL and no stack trace.
 */
export function errorHandler(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.status(error.status).send({ error: { code: error.code, message: error.message, details: error.details } });
  }
  const fastifyError = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fastifyError.validation) {
    const details = fastifyError.validation.map((issue) => ({
      field: fieldOf(fastifyError.validationContext, issue),
      message: issue.message ?? 'is invalid',
    }));
    const first = details[0];
    return reply.status(400).send({
      error: {
        code: 'VALIDATION_FAILED',
        message: first ? `${first.field || fastifyError.validationContext}: ${first.message}` : 'Invalid request',
        details,
      },
    });
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = fastifyError.code && isErrorCode(fastifyError.code) ? fastifyError.code : (STATUS_CODES[status] ?? 'BAD_REQUEST');
    return reply.status(status).send({ error: { code, message: fastifyError.message } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged' } });
}

function fieldOf(context: string | undefined, issue: ValidationIssue): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const extra = (issue.params?.missingProperty ?? issue.params?.additionalProperty) as string | undefined;
  const field = [path, extra].filter(Boolean).join('.');
  return field || (context ?? '');
}
