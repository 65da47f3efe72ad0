import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { isVariableWord } from '../packageManagers';
import { pipInstall } from '../pip';
import { allCommands } from '../ruleHelpers';

const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];
const VCS = /^(?:git|hg|svn|bzr)(?:\+[a-z-]+)?:\/\/|^(?:git|hg|svn|bzr)\+/;

/** DL3013: every `pip install` package needs a version specifier; requirement files are fine. */
export const DL3013: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3013', 'warning',
    'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const pip = pipInstall(command);
      if (!pip) continue;
      const { options, packages } = pip;
      if (options.has('r') || options.has('requirement') || options.has('c') || options.has('constraint')) continue;
      if (packages.some((p) => p.value === '.')) continue;
      for (const pkg of packages) {
        if (isPinned(pkg.value) || isVariableWord(pkg)) continue;
        report({ range: context.wordRange(pkg), message: `Pin versions in pip. Instead of \`pip install ${pkg.value}\` use \`pip install ${pkg.value}==<version>\` or \`pip install --requirement <requirements file>\`` });
      }
    }
  },
  examples: {
    bad: ['FROM python:3.12\nRUN pip install --no-cache-dir requests', 'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir --upgrade pip'],
    good: [
      'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.3',
      'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt',
      'FROM python:3.12\nRUN pip install --no-cache-dir .',
      'FROM python:3.12\nRUN pip install --no-cache-dir "requests>=2.31,<3"',
      'FROM python:3.12\nRUN pip install --no-cache-dir ./dist/app-1.0-py3-none-any.whl',
      'FROM python:3.12\nRUN pip install --no-cache-dir git+https://github.com/org/repo@v1.2.0',
      'FROM python:3.12\nRUN pip install --no-cache-dir -i https://pypi.example/simple app==1.0',
    ],
  },
};

function isPinned(pkg: string): boolean {
  if (VERSION_SYMBOLS.some((s) => pkg.includes(s))) return true;
  if (/\.(?:whl|tar\.gz|zip)$/.test(pkg)) return true;
  if (VCS.test(pkg)) return /@[^/]+$/.test(pkg.replace(/^[a-z+]+:\/\/[^@/]*@/, ''));
  return pkg.includes('/');
}
