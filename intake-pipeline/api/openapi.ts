import { DOCUMENT_TYPES } from '../document-types.js';

/** The OpenAPI description of the intake API, served at `GET /api/docs`. */
export const INTAKE_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Musterkasse Intake and Export API',
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
      exportKey: {
        type: 'http',
        scheme: 'bearer',
        description:
          'Key of an export channel from `npm run cli -- channel:add <name> --export`; the channel reads the pull target of the same name in DELIVERY_TARGETS_FILE.',
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
      DeliveredDocument: {
        type: 'object',
        description: 'The index of a routed document: the same in the webhook body (`document`), the hot folder JSON and the pull API.',
        properties: {
          schema: { type: 'string', const: 'musterkasse.document.v1' },
          documentId: { type: 'string', format: 'uuid' },
          trackingId: { type: 'string' },
          position: { type: 'integer', description: "The document's place in its submission, from 1." },
          documentType: { type: ['string', 'null'], enum: [...DOCUMENT_TYPES, null] },
          kvnr: { type: ['string', 'null'], description: 'The insured person the document belongs to.' },
          department: { type: ['string', 'null'] },
          source: { type: 'string', description: '`chat` or `channel:<name>`.' },
          receivedAt: { type: 'string', format: 'date-time' },
          routedAt: { type: 'string', format: 'date-time' },
          declared: {
            type: 'object',
            properties: {
              documentType: { type: ['string', 'null'] },
              kvnr: { type: ['string', 'null'] },
              details: { type: 'object', description: 'What the sender gave for the type, e.g. invoice date and amount.' },
              note: { type: ['string', 'null'] },
            },
          },
          reasons: { type: 'array', items: { type: 'string' } },
          facts: {
            type: 'array',
            description:
              'What the text states for the document type (dates, amount, treatment, periods), each with the passage it was read from.',
            items: {
              type: 'object',
              properties: {
                key: { type: 'string', description: 'e.g. incapacityFrom, incapacityUntil, amount, treatment, dueDate, documentDate.' },
                label: { type: 'string' },
                value: { type: ['string', 'integer'], description: 'ISO date, amount in cents, or text.' },
                display: { type: 'string' },
                page: { type: 'integer' },
                source: { type: 'string' },
              },
            },
          },
          pages: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                page: { type: 'integer' },
                text: { type: 'string' },
                confidence: { type: 'number' },
                source: { type: 'string' },
              },
            },
          },
          files: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                mediaType: { type: 'string' },
                sizeBytes: { type: 'integer' },
                sha256: { type: 'string' },
                url: { type: 'string', description: 'Signed link, valid for DELIVERY_LINK_TTL_HOURS without a key.' },
              },
            },
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
    '/export/documents': {
      get: {
        summary: "Routed documents of the caller's pull target, after a cursor",
        description:
          'Pages in a stable order. Send the `next` of one answer as `after` of the next request; an empty page keeps the cursor. A routing that commits late is shown after the ones before it, never skipped, and no document appears twice along one cursor. Documents stay listed after their acknowledgement (re-reading from an old cursor shows them again).',
        security: [{ exportKey: [] }],
        parameters: [
          {
            name: 'after',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description: 'The `next` of the previous page; omit to start.',
          },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: {
          '200': {
            description: 'One page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    documents: {
                      type: 'array',
                      items: {
                        allOf: [
                          { $ref: '#/components/schemas/DeliveredDocument' },
                          {
                            type: 'object',
                            properties: {
                              delivery: {
                                type: 'object',
                                properties: {
                                  status: { type: 'string', enum: ['pending', 'acknowledged'] },
                                  acknowledgedAt: { type: ['string', 'null'] },
                                },
                              },
                            },
                          },
                        ],
                      },
                    },
                    next: { type: ['string', 'null'] },
                    more: { type: 'boolean', description: 'The page was full: ask again at once.' },
                  },
                },
              },
            },
          },
          '400': { description: 'Invalid cursor or limit' },
          '401': { description: 'Missing, invalid or revoked export key (an intake key does not count)' },
          '403': { description: 'No pull target of this channel name is configured' },
        },
      },
    },
    '/export/documents/{documentId}/ack': {
      post: {
        summary: 'Confirm that the core system took a document over',
        description: 'Idempotent: repeating it changes nothing. The retention period after delivery starts here.',
        security: [{ exportKey: [] }],
        parameters: [{ name: 'documentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': { description: 'Acknowledged: `{ documentId, status, acknowledgedAt }`' },
          '400': { description: 'Not a document id' },
          '401': { description: 'Missing or invalid export key' },
          '403': { description: 'No pull target of this channel name is configured' },
          '404': { description: "Not a document of the caller's pull target" },
        },
      },
    },
    '/export/documents/{documentId}/file': {
      get: {
        summary: "A routed document's file",
        description: 'With the signed link from the index (no key), or with the export key of a target the document went to.',
        security: [{ exportKey: [] }, {}],
        parameters: [
          { name: 'documentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'exp', in: 'query', required: false, schema: { type: 'integer' } },
          { name: 'sig', in: 'query', required: false, schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'The file (PDF, JPEG or PNG)' },
          '400': { description: 'Not a document id, or a malformed exp or sig' },
          '401': { description: 'Neither a valid signed link nor an export key' },
          '403': { description: 'Expired or invalid signed link' },
          '404': { description: 'Not a document of the caller, or its file is gone (retention)' },
        },
      },
    },
  },
} as const;
