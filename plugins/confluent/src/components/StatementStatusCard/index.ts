export { StatementStatusCard } from './StatementStatusCard';
