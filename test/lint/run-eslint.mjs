// Lints generated node sources with a project's own eslint config through eslint's Node API.
// A separate process because the plugins are ES modules, which jest's module system cannot load.
// Input (JSON on stdin): { cwd, config, files, off }; output (stdout): one JSON array of findings.
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { cwd, config, files, off } = JSON.parse(input);
const projectConfig = (await import(pathToFileURL(config).href)).default;
const eslint = new ESLint({
	cwd,
	overrideConfigFile: true,
	overrideConfig: [...projectConfig, { rules: Object.fromEntries(off.map((rule) => [rule, 'off'])) }],
});
const findings = [];
for (const result of await eslint.lintFiles(files)) {
	const lines = (result.source ?? '').split('\n');
	for (const message of result.messages) {
		findings.push({
			file: result.filePath,
			line: message.line,
			rule: message.ruleId,
			message: message.message,
			source: lines[message.line - 1]?.trim(),
			// The lines just above, which name the parameter a finding is about.
			context: lines.slice(Math.max(0, message.line - 4), message.line).join('\n'),
		});
	}
}
process.stdout.write(JSON.stringify(findings));
