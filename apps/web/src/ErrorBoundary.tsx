import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** When this changes (the route), a page that failed is tried again. */
  resetKey?: string;
}

interface State {
  error: Error | null;
  resetKey?: string;
}

/**
 * A page that throws while rendering (or whose chunk cannot be loaded) shows a Chinese message and
 * 重试 instead of a white screen; the navigation stays usable. React has no hook for this: a class.
 */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('页面出错', error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    // A failed dynamic import means the network (or a new deployment): reloading the page fetches it anew.
    const chunk = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
    return (
      <Result
        status="error"
        title="页面出错了"
        subTitle={
          chunk ? '网络连接失败，请稍后重试' : '页面显示时出现问题，您的数据未受影响。请点击“重试”，如仍有问题请刷新页面或联系管理员。'
        }
        data-testid="error-boundary"
        extra={
          <Button type="primary" onClick={() => (chunk ? window.location.reload() : this.setState({ error: null }))}>
            重试
          </Button>
        }
      />
    );
  }
}
