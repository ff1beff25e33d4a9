/**
 * Calling a table method on the host side, whatever carried the call (IPC or
 * HTTP): the arguments are checked against the table (the renderer is not
 * trusted; a bad one answers BAD_REQUEST naming it), then the service's
 * method of the same name runs. A throw — a bug of ours — still answers a
 * Result: Error objects survive neither IPC nor JSON.
 */
import type { HostMethodName, HostMethodsService } from '../../../shared/host/host-methods';
import { checkHostArguments } from '../../../shared/host/host-methods';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';

type AnyMethod = (...args: unknown[]) => Promise<Result<unknown>> | Result<unknown>;

/** Runs a method whose arguments are already checked. */
export async function invokeHostMethod<C>(service: HostMethodsService<C>, method: HostMethodName, args: readonly unknown[], caller: C): Promise<Result<unknown>> {
  try {
    return await (service[method] as AnyMethod).call(service, ...args, caller);
  } catch (e) {
    return fail('INTERNAL', (e as Error).message.split('\n')[0]!);
  }
}

/** Checks the arguments against the table, then runs the method. */
export async function callHostMethod<C>(service: HostMethodsService<C>, method: HostMethodName, args: unknown, caller: C): Promise<Result<unknown>> {
  const checked = checkHostArguments(method, args);
  if (!checked.ok) return checked;
  return invokeHostMethod(service, method, checked.value as readonly unknown[], caller);
}
