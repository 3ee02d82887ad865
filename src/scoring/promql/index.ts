// The scoring maths as PromQL (./maths) and the PromQL text it is built from (./build).
export { finite, num, regexLiteral, str, union, withLabel, withOffset } from './build';
export { formulas, subScore } from './maths';
