/**
 * Prints one plain closing line, "Tests: N passed, N failed, N skipped", after jest's own
 * summary, so tools that read a run's last line (CI) see the counts in a common shape.
 */
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    console.log(
      `\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
    );
  }
}

module.exports = PlainSummaryReporter;
