import { DOCUMENT_TYPES } from '../document-types.js';

/** The OpenAPI description of the intake API, served at `GET /api/docs`. */
export const INTAKE_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Musterkasse Intake API',
    version: '1.0.0',
    description:
      "Documents from other channels (the insurer's app, a scan centre for paper mail) into the same intake pipeline as the chat: virus scan, text recognition, classification, assignment to the insured person, routing or clerk review. Same checks and limits as the chat: PDF, JPEG or PNG (checked from the bytes), at most 15 pages per submission, 800 kB per page; larger photos are downscaled.",
  },
  servers: [{ url: '/api' }],
  components: {
    securitySchemes: {
      channelKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'Per-channel key from `npm run cli -- channel:add <name>` (shown once, stored hashed).',
      },
      staffSession: {
        type: 'apiKey',
        in: 'cookie',
        name: 'mk_staff',
        description: 'Staff session (clerk or admin) from POST /api/auth/login.',
      },
    },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' }, details: {} },
            required: ['code', 'message'],
          },
        },
      },
      Document: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          position: { type: 'integer' },
          pageCount: { type: 'integer' },
          status: {
            type: 'string',
            enum: ['scan', 'ocr', 'classify', 'assign', 'route', 'routed', 'awaiting_review', 'quarantined', 'rejected'],
            description: 'Terminal: routed, awaiting_review, quarantined, rejected.',
          },
          documentType: {
            type: ['string', 'null'],
            enum: [...DOCUMENT_TYPES, null],
          },
          typeConfidence: { type: ['number', 'null'] },
          assignedKvnr: { type: ['string', 'null'], description: 'Null until the insured person is certain.' },
          assignmentConfidence: { type: ['number', 'null'] },
          reasons: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  paths: {
    '/intake/submissions': {
      post: {
        summary: 'Submit documents',
        security: [{ channelKey: [] }],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'One or more files (PDF, JPEG, PNG).' },
                  metadata: {
                    type: 'string',
                    description:
                      'Optional JSON: {"kvnr"?: string, "declaredType"?: string, "note"?: string}. Paper mail carries none: the pipeline finds type and member.',
                  },
                },
                required: ['files'],
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Stored; the tracking ID is the proof of receipt.',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { trackingId: { type: 'string', example: 'MK-7KQ3-M9XD-4R2C' } } },
              },
            },
          },
          '400': {
            description: 'Invalid multipart or metadata',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
          '401': { description: 'Missing, invalid or revoked channel key' },
          '413': { description: 'A file or the number of files exceeds the limits' },
          '415': { description: 'Not multipart/form-data' },
          '422': {
            description:
              'A file was refused (type, damage, encryption, page size, malware, page count); nothing was stored. `details.refused` lists file and reason.',
          },
        },
      },
    },
    '/intake/submissions/{trackingId}': {
      get: {
        summary: 'State of a submission and its documents',
        security: [{ channelKey: [] }, { staffSession: [] }],
        parameters: [{ name: 'trackingId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The submission',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    trackingId: { type: 'string' },
                    status: { type: 'string', enum: ['received', 'checking', 'processed', 'needs_attention'] },
                    source: { type: 'string' },
                    createdAt: { type: 'string', format: 'date-time' },
                    documents: { type: 'array', items: { $ref: '#/components/schemas/Document' } },
                  },
                },
              },
            },
          },
          '401': { description: 'Neither a channel key nor a staff session' },
          '403': { description: 'Staff without the clerk or admin role' },
          '404': { description: 'Unknown, or submitted by another channel' },
        },
      },
    },
  },
} as const;
