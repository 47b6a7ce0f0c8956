import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildMissingReport, percentage, type ReportEpisode, type ReportInterview } from './domain.ts';

const at = (s: string) => new Date(s);
const hours = (base: string, h: number) => new Date(at(base).getTime() + h * 3_600_000);
const period = { from: '2024-04-01', to: '2024-06-30' };

describe('percentage', () => {
  test('rounded to 1 decimal place; null when there is nothing to divide by', () => {
    assert.equal(percentage(2, 3), 66.7);
    assert.equal(percentage(1, 8), 12.5);
    assert.equal(percentage(5, 5), 100);
    assert.equal(percentage(0, 0), null);
  });
});

describe('buildMissingReport', () => {
  test('an empty quarter has zero counts and null percentages', () => {
    const r = buildMissingReport([], [], period);
    assert.equal(r.episodes, 0);
    assert.equal(r.offeredPct, null);
    assert.equal(r.completedPct, null);
    assert.equal(r.completedWithin72HoursPct, null);
    assert.deepEqual(r.declined, { child_declined: 0, parent_refused_consent: 0, could_not_be_located: 0, other: 0 });
  });

  test('counts episodes, children, offers, completions, timeliness and declines', () => {
    const episodes: ReportEpisode[] = [
      // Before the period: counts for repeat missing only.
      { id: 'e0', childId: 'A', reportedAt: at('2024-03-20T10:00:00Z'), returnedAt: at('2024-03-20T20:00:00Z') },
      { id: 'e1', childId: 'A', reportedAt: at('2024-04-02T10:00:00Z'), returnedAt: at('2024-04-02T20:00:00Z') },
      { id: 'e2', childId: 'A', reportedAt: at('2024-04-10T10:00:00Z'), returnedAt: at('2024-04-11T08:00:00Z') },
      { id: 'e3', childId: 'B', reportedAt: at('2024-05-01T10:00:00Z'), returnedAt: at('2024-05-01T12:00:00Z') },
      { id: 'e4', childId: 'C', reportedAt: at('2024-06-01T10:00:00Z'), returnedAt: at('2024-06-01T12:00:00Z') },
      { id: 'e5', childId: 'C', reportedAt: at('2024-06-29T10:00:00Z'), returnedAt: null },
      // 23:30 UTC on 30 June is 00:30 BST on 1 July: outside the quarter.
      { id: 'e6', childId: 'D', reportedAt: at('2024-06-30T23:30:00Z'), returnedAt: at('2024-07-01T10:00:00Z') },
    ];
    const interviews: ReportInterview[] = [
      { episodeId: 'e1', offeredAt: hours('2024-04-02T20:00:00Z', 1), completedAt: hours('2024-04-02T20:00:00Z', 48) },
      { episodeId: 'e2', offeredAt: hours('2024-04-11T08:00:00Z', 1), completedAt: hours('2024-04-11T08:00:00Z', 80) },
      {
        episodeId: 'e3',
        offeredAt: hours('2024-05-01T12:00:00Z', 1),
        declinedAt: hours('2024-05-01T12:00:00Z', 2),
        declineReason: 'child_declined',
      },
      { episodeId: 'e6', offeredAt: at('2024-07-01T11:00:00Z'), completedAt: at('2024-07-01T12:00:00Z') },
    ];
    const r = buildMissingReport(episodes, interviews, period);
    assert.equal(r.episodes, 5);
    assert.equal(r.children, 3);
    assert.equal(r.episodesReturned, 4);
    assert.equal(r.interviewsOffered, 3);
    assert.equal(r.offeredPct, 75);
    assert.equal(r.interviewsCompleted, 2);
    assert.equal(r.completedPct, 66.7);
    assert.equal(r.completedWithin72Hours, 1);
    assert.equal(r.completedWithin72HoursPct, 50);
    assert.equal(r.declined.child_declined, 1);
    assert.equal(r.declinedTotal, 1);
    // A: 20 Mar, 2 Apr, 10 Apr are 3 within 30 days, the third in the quarter.
    assert.equal(r.repeatMissingChildren, 1);
  });

  test('the repeat-missing rule is configurable', () => {
    const episodes: ReportEpisode[] = [
      { id: 'x1', childId: 'B', reportedAt: at('2024-05-01T10:00:00Z') },
      { id: 'x2', childId: 'B', reportedAt: at('2024-05-09T10:00:00Z') },
    ];
    assert.equal(buildMissingReport(episodes, [], period).repeatMissingChildren, 0);
    assert.equal(buildMissingReport(episodes, [], period, { episodes: 2, withinDays: 10 }).repeatMissingChildren, 1);
  });

  test('a completed interview counts as offered, and a later completion overrides an earlier decline', () => {
    const episodes: ReportEpisode[] = [{ id: 'e', childId: 'A', reportedAt: at('2024-05-01T10:00:00Z'), returnedAt: at('2024-05-01T12:00:00Z') }];
    const r = buildMissingReport(
      episodes,
      [
        { episodeId: 'e', declinedAt: at('2024-05-01T13:00:00Z'), declineReason: 'child_declined' },
        { episodeId: 'e', completedAt: at('2024-05-02T13:00:00Z') },
      ],
      period,
    );
    assert.equal(r.interviewsOffered, 1);
    assert.equal(r.interviewsCompleted, 1);
    assert.equal(r.declinedTotal, 0);
  });
});
