/**
 * Figures a test measures (stream counts, requests per idle poll) are asserted in the test; they
 * are printed only on request (TEST_FIGURES=1 npm test), so that a normal run shows results and
 * failures only.
 */
export function reportFigures(line: string): void {
	// eslint-disable-next-line no-console
	if (process.env.TEST_FIGURES) console.log(line);
}
