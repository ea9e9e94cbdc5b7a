import { rectificationOrderDecider } from './rectification-order.decider';
import {
  acceptancePassed,
  acceptanceRequested,
  closed,
  extensionApproved,
  extensionRequested,
  inProgress,
  measureDone,
  noticePublished,
} from './rectification-order.fixtures';

describe('full lifecycle', () => {
  it('replays issue → close with the original deadline intact and the extension history kept', () => {
    const state = [
      ...inProgress,
      extensionRequested,
      extensionApproved,
      measureDone('m1'),
      measureDone('m2'),
      acceptanceRequested,
      acceptancePassed,
      noticePublished,
      closed,
    ].reduce(rectificationOrderDecider.evolve, rectificationOrderDecider.initialState());
    expect(state).toMatchObject({
      status: 'CLOSED',
      originalDeadline: '2024-06-30',
      currentDeadline: '2024-09-30',
      closedOn: '2024-03-12',
      version: 11,
    });
    expect(state.extensions).toEqual([expect.objectContaining({ requestId: 'x-1', status: 'APPROVED', currentDeadline: '2024-06-30' })]);
  });
});
