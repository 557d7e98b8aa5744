/** Shown while a surface's code or session loads; plain CSS so it needs neither antd nor antd-mobile. */
export function FullPageSpinner() {
  return (
    <output aria-busy="true" style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <div
        style={{
          width: 32,
          height: 32,
          borderRadius: '50%',
          border: '3px solid #d9d9d9',
          borderTopColor: '#1677ff',
          animation: 'rapport-spin 0.8s linear infinite',
        }}
      />
      <style>{'@keyframes rapport-spin { to { transform: rotate(360deg) } }'}</style>
    </output>
  );
}
