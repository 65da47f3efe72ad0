// dockerfile-ast recomputes an instruction's arguments from the text on every call, and it is
// called a lot: the parser itself calls getArguments three times per RUN/CMD/COPY… while
// building the node, and rules call getArguments, getArgumentsRange, getHeredocs… again. On a
// 2,000-line file that was ~40% of a lint. The text of a node never changes, so the arguments
// are read once per node. Callers still get what dockerfile-ast would give them: a fresh array
// (ModifiableInstruction.getArguments shifts flags off it) of fresh Arguments with fresh ranges
// (From.getImageNameRange reassigns `start`/`end` of the range it gets).
//
// Heredocs are memoized too (a fresh array of the same Heredoc objects).
//
// ModifiableInstruction.getArguments itself is not memoized: getFlags calls it while the flags
// are still being collected, and that early answer (flags not yet removed) must not stick.
import { Argument, Instruction, type Heredoc } from 'dockerfile-ast';

const RAW = Symbol('shipshape.rawArguments');
const HEREDOCS = Symbol('shipshape.heredocs');
const INSTALLED = Symbol('shipshape.memoInstalled');

type Memo = { [RAW]?: Argument[]; [HEREDOCS]?: Heredoc[] };

const proto = Instruction.prototype as unknown as { getRawArguments(this: Memo): Argument[]; getHeredocs(this: Memo): Heredoc[] } & { [INSTALLED]?: true };
if (!proto[INSTALLED]) {
  proto[INSTALLED] = true;
  const original = proto.getRawArguments;
  proto.getRawArguments = function (this: Memo): Argument[] {
    const cached = this[RAW] ??= original.call(this);
    return cached.map((a) => {
      const { start, end } = a.getRange();
      return new Argument(a.getValue(), { start, end });
    });
  };
  // Heredocs (RUN/COPY/ADD) are derived from the arguments; nothing reassigns their ranges.
  const heredocs = proto.getHeredocs;
  proto.getHeredocs = function (this: Memo): Heredoc[] {
    return (this[HEREDOCS] ??= heredocs.call(this)).slice();
  };
}
