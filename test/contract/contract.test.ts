// The contract suite (suite.ts) with the WebAssembly kernels, as Node runs augkit by default.
import { contractSuite } from './suite.ts';

contractSuite(true);
