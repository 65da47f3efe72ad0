import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { isVariableWord } from '../packageManagers';
import { allCommands, subcommandArgs } from '../ruleHelpers';

const VALUE_FLAGS = ['-C', '-o', '-p', '-tags', '--tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-pkgdir', '-toolexec', '-asmflags', '-buildmode', '-compiler', '-installsuffix', '-overlay', '-pgo', '-exec'];

/**
 * DL3062: `go install|get|run <module>` needs `@<version>` (`@latest` floats like an unpinned tag).
 * Paths without a dot (standard library, main-module packages, `go install tool`) and local
 * paths cannot take a version and are left alone. For `go run` only the package is checked; the
 * words after it are the program's arguments.
 */
export const DL3062: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3062', 'warning', 'Pin versions in go install. Instead of `go install <package>` use `go install <package>@<version>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const found = subcommandArgs(command, ['go'], ['install', 'get', 'run'], VALUE_FLAGS);
      if (!found) continue;
      const sub = found.sub.value;
      for (const pkg of sub === 'run' ? found.args.slice(0, 1) : found.args) {
        const v = pkg.value;
        if (isVariableWord(pkg) || v.startsWith('.') || v.startsWith('/') || !v.includes('.') || /\.go$/.test(v)) continue;
        const at = v.lastIndexOf('@');
        if (at >= 0 && v.slice(at + 1) !== 'latest') continue;
        report({ range: context.wordRange(pkg), message: `Pin versions in go ${sub}. Instead of \`go ${sub} ${v}\` use \`go ${sub} ${v.replace(/@latest$/, '')}@<version>\`` });
      }
    }
  },
  examples: {
    bad: ['FROM golang:1.22\nRUN go install github.com/go-delve/delve/cmd/dlv', 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest'],
    good: ['FROM golang:1.22\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1', 'FROM golang:1.22\nRUN go install ./...', 'FROM golang:1.22\nRUN go install -v ./cmd/app'],
  },
};
