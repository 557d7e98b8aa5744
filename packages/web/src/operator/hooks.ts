import type { OperatorEnterpriseDto } from '@rapport/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../common/api';

export interface EnterpriseFilters {
  q?: string;
  verification?: OperatorEnterpriseDto['verification'];
}

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const operatorKeys = {
  enterprises: ['operator', 'enterprises'] as const,
  enterpriseList: (filters: EnterpriseFilters) => ['operator', 'enterprises', filters] as const,
};

export const ENTERPRISE_PAGE_SIZE = 50;

export function useEnterprises(filters: EnterpriseFilters) {
  return useInfiniteQuery({
    queryKey: operatorKeys.enterpriseList(filters),
    queryFn: ({ pageParam }) =>
      api<Page<OperatorEnterpriseDto>>(
        'GET',
        `/operator/enterprises${query({ q: filters.q?.trim(), verification: filters.verification, cursor: pageParam, limit: ENTERPRISE_PAGE_SIZE })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Grants or withdraws an enterprise's verification (企业认证). */
export function useSetVerification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verified }: { id: string; verified: boolean }) =>
      api<OperatorEnterpriseDto>('POST', `/operator/enterprises/${id}/${verified ? 'verify' : 'unverify'}`),
    onSuccess: () => client.invalidateQueries({ queryKey: operatorKeys.enterprises }),
  });
}
