/**
 * The issuing authority's side of the annual-report cycle, one page for its three views, picked by
 * the path: the year's cycle (/annual-report-cycle: who owes the report, its stage, make-up orders
 * and listings), its figures (/annual-report-cycle/overview: filing rates, late filers, listed
 * holders, spot-check progress) and the credit lists (/credit-lists). One page rather than three
 * keeps the shell, which every page loads, from carrying two more routes.
 */
import { useLocation } from 'wouter';
import CycleView from '../components/annual-report/CycleView';
import ListsView from '../components/annual-report/ListsView';
import OverviewView from '../components/annual-report/OverviewView';
import '../components/annual-report/annual-report.css';

export default function AnnualReportCycle() {
  const [location] = useLocation();
  if (location === '/credit-lists') return <ListsView />;
  if (location.endsWith('/overview')) return <OverviewView />;
  return <CycleView />;
}
