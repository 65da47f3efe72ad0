import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextLines } from './textLines';

/** Random texts made of the characters line ends are made of, and a few others. */
function randomTexts(count: number): string[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = ['a', 'b', ' ', '\n', '\r', '\r\n', '\\'];
  const texts = ['', '\n', '\r', '\r\n', '\n\r', 'a\r\r\nb', 'x\n'];
  for (let k = 0; k < count; k++) {
    let text = '';
    const length = Math.floor(next() * 40);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
    texts.push(text);
  }
  return texts;
}

test('positions, offsets, ranges and line count are the same as vscode-languageserver-textdocument\'s', () => {
  for (const text of randomTexts(400)) {
    const expected = TextDocument.create('file:///x', 'dockerfile', 0, text);
    const actual = new TextLines(text);
    assert.equal(actual.lineCount, expected.lineCount, JSON.stringify(text));
    for (let offset = -1; offset <= text.length + 1; offset++) {
      assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `${JSON.stringify(text)} @${offset}`);
    }
    for (let line = -1; line <= expected.lineCount + 1; line++) {
      for (let character = -1; character <= 12; character++) {
        const position = { line, character };
        assert.equal(actual.offsetAt(position), expected.offsetAt(position), `${JSON.stringify(text)} ${line}:${character}`);
      }
    }
    const range = { start: expected.positionAt(1), end: expected.positionAt(text.length - 1) };
    assert.equal(actual.getText(range), expected.getText(range));
    assert.equal(actual.getText(), text);
  }
});
