import { classifyRouting, type RoutingExample, type RoutingLabel, type RoutingModel, type RoutingSource } from '../../../src/main/core/triage/routing';
import type { RoutingMail } from '../../fixtures/routing/routingMails';

// Measures a routing model on labelled mails: accuracy, confusion matrix, and the mails it got wrong.

export interface RoutingScore {
  accuracy: number;
  /** matrix[actual][predicted] */
  matrix: Record<RoutingLabel, Record<RoutingLabel, number>>;
  wrong: string[];
}

export function scoreRouting(model: RoutingModel, mails: readonly RoutingMail[]): RoutingScore {
  const matrix: RoutingScore['matrix'] = { technical: { technical: 0, consumer: 0 }, consumer: { technical: 0, consumer: 0 } };
  const wrong: string[] = [];
  for (const mail of mails) {
    const result = classifyRouting(model, mail);
    matrix[mail.label][result.label] += 1;
    if (result.label !== mail.label) wrong.push(`${mail.id} (${result.label} ${result.confidence.toFixed(2)})`);
  }
  const correct = matrix.technical.technical + matrix.consumer.consumer;
  return { accuracy: mails.length === 0 ? 0 : correct / mails.length, matrix, wrong };
}

export function formatScore(title: string, score: RoutingScore): string {
  const { matrix } = score;
  const cell = (value: number): string => String(value).padStart(10);
  return [
    `${title}: accuracy ${(score.accuracy * 100).toFixed(1)} %`,
    `  actual \\ predicted  technical  consumer`,
    `  technical          ${cell(matrix.technical.technical)}${cell(matrix.technical.consumer)}`,
    `  consumer           ${cell(matrix.consumer.technical)}${cell(matrix.consumer.consumer)}`,
    `  wrong: ${score.wrong.length === 0 ? 'none' : score.wrong.join(', ')}`,
  ].join('\n');
}

export function asExample(mail: RoutingMail, source: RoutingSource = 'acknowledged'): RoutingExample {
  return { label: mail.label, subject: mail.subject, text: mail.text, source, at: '2025-03-10T09:00:00.000Z' };
}
