// The contract suite (suite.ts) with the TypeScript kernels only, in this process and in its worker threads: the
// kernels' twins must keep the same contract.
import { useWasmKernels } from '../../src/index.ts';
import { contractSuite } from './suite.ts';

useWasmKernels(false);
contractSuite(false);
