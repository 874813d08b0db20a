// Routing: technical vs consumer, with misroute hints that learn from the team's transfers and acknowledgements.
export { classifyRouting, type RoutingEvidence, type RoutingResult } from './classifyRouting';
export { defaultMisrouteThreshold, misrouteHint, type MisrouteHint } from './misrouteHint';
export { asPackedRouting, EVIDENCE_LEFT_OUT, packRouting, unpackEvidence, type PackedRouting } from './packedRouting';
export { stripQuotedHistory } from './quotedHistory';
export {
  createRoutingModel,
  learnRouting,
  type RoutingExample,
  type RoutingInput,
  type RoutingLabel,
  type RoutingModel,
  type RoutingSource,
} from './routingModel';
export { loadRoutingModel, routingModelVersion, serializeRoutingModel, type RoutingModelJson } from './routingModelJson';
