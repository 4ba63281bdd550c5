// `iap`: stochastic parameters.
export { constant } from './constant.ts';
export { uniform, discreteUniform } from './uniform.ts';
export { choice } from './choice.ts';
export { normal, truncatedNormal } from './normal.ts';
export { binomial } from './binomial.ts';
export { clip, add, subtract, multiply, divide } from './arithmetic.ts';
export {
  simplexNoise,
  frequencyNoise,
  iterativeNoiseAggregator,
  sigmoid,
  type NoiseParam,
  type NoiseField,
} from './noise.ts';
export { paramFromSpec as fromSpec } from './spec.ts';
export { type Param, type ParamSpec, isParam } from './param.ts';
