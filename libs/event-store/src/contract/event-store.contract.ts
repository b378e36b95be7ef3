import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { describeAppendContract } from './append.contract';
import { describeReadContract } from './read.contract';
import { describeStreamsContract } from './streams.contract';
import { describeSubscriptionContract } from './subscription.contract';

export interface ContractSubject {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

export type ContractFactory = () => Promise<ContractSubject>;

/** Shared by the parts of the suite: the store under test and a fresh stream id per test. */
export interface ContractContext {
  readonly store: () => EventStore;
  readonly factory: ContractFactory;
  readonly newStreamId: (label: string) => string;
}

/**
 * The behaviour every event-store adapter must show. One store serves the whole suite (tests
 * use fresh stream ids and filter by them), except where a test needs an empty store.
 */
export const describeEventStoreContract = (name: string, factory: ContractFactory): void => {
  describe(`${name} event store contract`, () => {
    let subject: ContractSubject | undefined;
    const context: ContractContext = {
      store: () => {
        if (!subject) throw new Error('the contract store was not created');
        return subject.store;
      },
      factory,
      newStreamId: (label) => `${label}-${randomUUID()}`,
    };
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(async () => {
      await subject?.cleanup();
    });

    describeAppendContract(context);
    describeReadContract(context);
    describeStreamsContract(context);
    describeSubscriptionContract(context);
  });
};
